/** The part of unzipper (ExcelJS's own zip reader) this project uses: random access through the central directory. */
declare module "unzipper" {
  import type { Readable } from "node:stream";
  interface Entry {
    path: string;
    stream(): Readable;
  }
  interface Directory {
    files: Entry[];
  }
  export const Open: {
    file(path: string): Promise<Directory>;
    buffer(bytes: Buffer): Promise<Directory>;
  };
}
