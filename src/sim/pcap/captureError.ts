// Typed errors and warnings of capture import. The UI phrases them in zh-CN and en from the
// `code` and `params` (src/i18n/captureErrors.ts); nothing here is user-facing text.

export type CaptureErrorCode =
  | 'empty'                 // zero bytes
  | 'bad-magic'             // not a pcap or pcapng file                       {magic}
  | 'compressed'            // gzip/zstd/xz/zip: decompress first               {format}
  | 'unsupported-format'    // a capture format we recognize but do not read    {format}
  | 'unsupported-version'   // pcap/pcapng version we do not know               {major, minor}
  | 'truncated'             // the file ends inside a header, record or block   {offset}
  | 'bad-block'             // pcapng block with an impossible length           {offset, length}
  | 'bad-record'            // pcap record longer than any packet can be        {offset, length}
  | 'unsupported-linktype'  // only link types we cannot read                   {linktype}
  | 'no-frames'             // a valid file with no packets in it
  | 'no-supported-packets'  // packets, but none is IPv4 TCP/UDP/ICMP          {frames, ipv6, other}
  | 'too-large'             // more bytes than we accept                        {bytes, limit}
  | 'too-many-frames'       // more packets than we accept                      {limit}
  | 'internal';             // a bug in the reader (never expected)             {detail}

export type CaptureParams = Record<string, string | number>;

export interface CaptureError {
  kind: 'capture-error';
  code: CaptureErrorCode;
  params: CaptureParams;
}

/**
 * Problems that did not stop the import: the file ended early or a block was damaged (reading
 * stopped there, the frames before it are kept), or packets were cut short by the snaplen.
 */
export type CaptureWarningCode = 'truncated' | 'bad-block' | 'bad-record' | 'snapped';

export interface CaptureWarning {
  code: CaptureWarningCode;
  params: CaptureParams;
}

export function captureError(code: CaptureErrorCode, params: CaptureParams = {}): CaptureError {
  return { kind: 'capture-error', code, params };
}

export function isCaptureError(x: unknown): x is CaptureError {
  return typeof x === 'object' && x !== null && (x as CaptureError).kind === 'capture-error';
}

/** Limits that keep a hostile or huge file from exhausting the browser tab. */
export const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;
export const MAX_CAPTURE_FRAMES = 50_000;
/** Largest record we accept, as Wireshark does (WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_RECORD_BYTES = 262_144;
