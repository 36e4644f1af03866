import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

/**
 * Test support for the Japan Post postal-code corpus in `../shared/data/japanpost/` (郵便番号データ): a small
 * zip reader (central directory + raw inflate, no dependency) and the paths of the files, resolved from the
 * repository root so that any clone next to `shared/` works.
 */

/** The shared data folder: `<repository root>/../shared/data/japanpost/`. */
export const japanpostDir = fileURLToPath(new URL('../../../../shared/data/japanpost/', import.meta.url));

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** One stored file of a zip archive. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('not a zip file: no end-of-central-directory record');
}

/**
 * Lists the entries of a zip archive from its central directory.
 *
 * @example
 * ```ts
 * listZipEntries(readFileSync(zipPath)).map((entry) => entry.name); // ['KEN_ALL.CSV']
 * ```
 */
export function listZipEntries(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY)
      throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      name: zip.toString('latin1', offset + 46, offset + 46 + nameLength),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The bytes of one entry (stored or deflated) of a zip archive.
 *
 * @example
 * ```ts
 * const zip = readFileSync(zipPath);
 * const csv = readZipEntry(zip, listZipEntries(zip)[0]!);
 * ```
 */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset;
  if (zip.readUInt32LE(header) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${entry.name}`);
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  const bytes = entry.method === 0 ? data : entry.method === 8 ? inflateRawSync(data) : undefined;
  if (bytes === undefined)
    throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
  if (bytes.length !== entry.size) throw new Error(`size mismatch for ${entry.name}`);
  return bytes;
}

/**
 * The bytes of the single file inside one of the corpus zips (`ken_all.zip` → KEN_ALL.CSV, CP932;
 * `utf_ken_all.zip` → utf_ken_all.csv, UTF-8; `jigyosyo.zip` → JIGYOSYO.CSV, CP932).
 *
 * @example
 * ```ts
 * const kenAll = readJapanpostFile('ken_all.zip'); // CP932 bytes of KEN_ALL.CSV
 * ```
 */
export function readJapanpostFile(zipName: 'ken_all.zip' | 'utf_ken_all.zip' | 'jigyosyo.zip'): Buffer {
  const zip = readFileSync(`${japanpostDir}${zipName}`);
  const entries = listZipEntries(zip).filter((entry) => !entry.name.endsWith('/'));
  const [entry] = entries;
  if (entry === undefined || entries.length !== 1) throw new Error(`${zipName}: expected one file`);
  return readZipEntry(zip, entry);
}
