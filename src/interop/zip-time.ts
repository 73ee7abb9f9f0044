// The same workbook for the same records: a zip archive stamps each entry
// with the time it was written, so every entry's time is set to one fixed
// moment here. This reads the zip format itself (PKWARE APPNOTE), not any
// library's internals: the central directory lists every entry and where its
// local header lies, and both carry the DOS time and date.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** 1 January 1980, 00:00: the first moment a DOS date can hold. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes, plus a comment of up to 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new Error('not a zip archive: no end of central directory');
}

/** `zip` with every entry's modification time set to 1 January 1980; changed in place and returned. */
export function withFixedTimes(zip: Buffer): Buffer {
  const eocd = endOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('not a zip archive: a broken central directory');
    zip.writeUInt16LE(DOS_TIME, at + 12);
    zip.writeUInt16LE(DOS_DATE, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('not a zip archive: an entry without its local header');
    zip.writeUInt16LE(DOS_TIME, local + 10);
    zip.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}
