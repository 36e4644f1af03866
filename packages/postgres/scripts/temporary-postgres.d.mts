/** A running temporary PostgreSQL cluster. */
export interface TemporaryPostgres {
  /** `postgres://hakobu@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly user: string;
  /** Stops the server and deletes its directory. */
  stop(): void;
}
export function startTemporaryPostgres(options?: { maxConnections?: number }): Promise<TemporaryPostgres>;
