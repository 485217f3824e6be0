// Wire encoding, pcap export and capture import (docs/pcap.md).
export { encodePacket, packetBytes, type CapturedPacket } from './encode';
export { decodePacket, isDecodeFailure, type DecodeFailure, type DecodeFailureReason, type DecodeOptions } from './decode';
export { packetFields, type PacketField, type FieldLayer, type ChecksumStatus } from './packetFields';
export { linuxOptionLayout } from './tcpOptions';
export { writePcap, pcapFramesFromTrace, LINKTYPE_RAW, type PcapFrame } from './pcapWriter';
export { readCapture, type Capture, type CaptureFrame } from './readCapture';
export type { CaptureFormat, CaptureInterface } from './rawCapture';
export { captureToTrace, importCapture, icmpKind, type CaptureTrace, type CaptureHost, type CaptureConversation, type CaptureTraceOptions } from './captureToTrace';
export {
  isCaptureError, MAX_CAPTURE_BYTES, MAX_CAPTURE_FRAMES,
  type CaptureError, type CaptureErrorCode, type CaptureWarning, type CaptureWarningCode, type CaptureParams,
} from './captureError';
export type { SkipReason } from './linkLayer';
