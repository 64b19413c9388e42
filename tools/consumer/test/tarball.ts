// What `tar tzf` lists of a package tarball, read in this process: a spawned tar per tarball costs a fork of the
// test worker, whose heap holds attw's TypeScript. POSIX ustar headers, with pax and GNU long names.
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

/** A NUL-terminated field of a header. */
function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** The entry names of a gzipped tarball, in order, as `tar tzf` prints them. */
export function listTarball(gzipped: Uint8Array): string[] {
  const tar = gunzipSync(gzipped);
  const names: string[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break; // the end-of-archive blocks
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(at + BLOCK, at + BLOCK + size);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      // A pax header: its `path` record names the next entry.
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1] ?? longName;
      continue;
    }
    if (type === "L") {
      longName = field(body, 0, size);
      continue;
    }
    if (type === "g") continue;
    const prefix = field(header, 345, 155);
    names.push(longName ?? (prefix === "" ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`));
    longName = undefined;
  }
  return names;
}
