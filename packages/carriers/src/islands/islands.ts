import { JAPANPOST_KEN_ALL_DATE } from '../postal/japanpost-dates.generated';
import { REMOTE_ISLAND_SEED } from './remote-islands.generated';

/**
 * Data date of the 離島 seed (離島リストのデータ日付): the date of the KEN_ALL it was built from (Japan Post's UTF-8
 * edition, the same file as the postal directory), so it is {@link JAPANPOST_KEN_ALL_DATE} by construction.
 */
export const REMOTE_ISLANDS_DATE = JAPANPOST_KEN_ALL_DATE;

/** One 離島 (remote island) entry, keyed by 7-digit postal code, with where it comes from. */
export interface RemoteIslandEntry {
  readonly postalCode: string;
  /** The place, as Japan Post names it. */
  readonly place: string;
  /**
   * Source of the entry (出典); in the seed `KEN_ALL <its data date>: 島しょのみの市町村` or `…: 離島の町域`, the date
   * being {@link REMOTE_ISLANDS_DATE}.
   */
  readonly source: string;
  /** Only for one carrier (`yamato`, `sagawa`, `japanpost`); absent = every carrier. */
  readonly carrier?: string;
}

/**
 * The 離島 list port (離島リスト): which postal codes are remote islands. {@link defaultRemoteIslands} is the
 * project's dated seed; a shop replaces or extends it with its carriers' own lists ({@link createRemoteIslandList}).
 */
export interface RemoteIslandList {
  /** Date of the list, `YYYY-MM-DD`. */
  readonly dataDate: string;
  /** The entry for a 7-digit code (for the carrier when given), or `undefined`. */
  find(postalCode: string, carrier?: string): RemoteIslandEntry | undefined;
}

/**
 * Builds a {@link RemoteIslandList} from entries (離島リストの作成); later entries override earlier ones for the
 * same code and carrier.
 *
 * @example
 * ```ts
 * const list = createRemoteIslandList([{ postalCode: '0431401', place: '北海道奥尻郡奥尻町', source: 'shop' }], '2026-11-01');
 * list.find('0431401')?.place; // '北海道奥尻郡奥尻町'
 * ```
 */
export function createRemoteIslandList(
  entries: Iterable<RemoteIslandEntry>,
  dataDate: string,
): RemoteIslandList {
  const byCode = new Map<string, RemoteIslandEntry>();
  for (const entry of entries) byCode.set(`${entry.postalCode}\u0000${entry.carrier ?? ''}`, entry);
  return {
    dataDate,
    find: (postalCode, carrier) =>
      (carrier === undefined ? undefined : byCode.get(`${postalCode}\u0000${carrier}`)) ??
      byCode.get(`${postalCode}\u0000`),
  };
}

let seeded: RemoteIslandList | undefined;

/**
 * The project's seed list of 離島 postal codes (離島リスト初期値), built from Japan Post's KEN_ALL: every code of the
 * island-only municipalities (伊豆・小笠原諸島, 佐渡, 隠岐, 対馬, 壱岐, 五島, 奄美, 沖縄の離島 …) and of island towns
 * inside mainland municipalities (焼尻・天売, 網地島, 飛島, 日間賀島・篠島, 家島, 甑島 …). Not a carrier's surcharge
 * list: carriers publish their own; override per carrier. 沖縄本島 is not in it.
 *
 * @example
 * ```ts
 * defaultRemoteIslands().find('1001511')?.place; // '東京都八丈島八丈町三根'
 * ```
 */
export function defaultRemoteIslands(): RemoteIslandList {
  seeded ??= createRemoteIslandList(
    REMOTE_ISLAND_SEED.flatMap(([place, basis, codes]) =>
      codes.split(' ').map((postalCode) => ({
        postalCode,
        place,
        source: `KEN_ALL ${REMOTE_ISLANDS_DATE}: ${basis === 'municipality' ? '島しょのみの市町村' : '離島の町域'}`,
      })),
    ),
    REMOTE_ISLANDS_DATE,
  );
  return seeded;
}
