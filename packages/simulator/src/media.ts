import { createCipheriv, createHash } from "node:crypto";
import { Readable } from "node:stream";
import { crc32, deflateSync } from "node:zlib";

/** Bytes the simulator serves at a media URL, readable by byte range without holding large bodies in memory. */
export interface MediaBody {
  contentType: string;
  size: number;
  /** stream of bytes [start, end] inclusive */
  open(start: number, end: number): Readable;
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2mp41", "latin1"));

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value, 0);
  return b;
}

/** A movie header box (version 0) with timescale 1000. */
function mvhd(durationSeconds: number): Buffer {
  const p = Buffer.alloc(100);
  p.writeUInt32BE(1000, 12); // timescale
  p.writeUInt32BE(Math.round(durationSeconds * 1000), 16);
  p.writeUInt32BE(0x00010000, 20); // rate 1.0
  p.writeUInt16BE(0x0100, 24); // volume 1.0
  const identity = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
  identity.forEach((v, i) => {
    p.writeUInt32BE(v, 36 + i * 4);
  });
  p.writeUInt32BE(2, 96); // next track id
  return box("mvhd", p);
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value, 0);
  return b;
}

/** A box with ISO-BMFF's version and flags first. */
const fullBox = (type: string, flags: number, ...payload: Buffer[]) => box(type, u32(flags), ...payload);

const IDENTITY = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));
const AUDIO_RATE = 44_100;

/** MPEG-4 descriptor: tag, one-byte length, body. */
const descriptor = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag, body.length]), body]);

/**
 * An AAC-LC stereo track with no samples: enough for a browser to read the file's metadata (codec,
 * duration) and reach HAVE_METADATA; it plays silence of the given length.
 */
function audioTrack(durationSeconds: number): Buffer {
  const esds = fullBox(
    "esds",
    0,
    descriptor(
      0x03,
      Buffer.concat([
        u16(1),
        Buffer.from([0]),
        descriptor(
          0x04,
          Buffer.concat([
            Buffer.from([0x40, 0x15, 0, 0, 0]), // MPEG-4 audio, audio stream, buffer size 0
            u32(128_000),
            u32(128_000),
            descriptor(0x05, Buffer.from([0x12, 0x10])), // AudioSpecificConfig: AAC-LC, 44.1 kHz, 2 channels
          ]),
        ),
        descriptor(0x06, Buffer.from([0x02])),
      ]),
    ),
  );
  const mp4a = box(
    "mp4a",
    Buffer.alloc(6),
    u16(1),
    Buffer.alloc(8),
    u16(2),
    u16(16),
    u32(0),
    u32(AUDIO_RATE * 65536),
    esds,
  );
  const empty = (type: string, ...fields: Buffer[]) => fullBox(type, 0, ...fields);
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, u32(1), mp4a),
    empty("stts", u32(0)),
    empty("stsc", u32(0)),
    empty("stsz", u32(0), u32(0)),
    empty("stco", u32(0)),
  );
  const minf = box(
    "minf",
    fullBox("smhd", 0, u32(0)),
    box("dinf", fullBox("dref", 0, u32(1), fullBox("url ", 1))),
    stbl,
  );
  const milliseconds = Math.round(durationSeconds * 1000);
  const tkhd = fullBox(
    "tkhd",
    3,
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(milliseconds),
    Buffer.alloc(8),
    u32(0),
    u16(0x0100),
    u16(0),
    IDENTITY,
    u32(0),
    u32(0),
  );
  const mdhd = fullBox(
    "mdhd",
    0,
    u32(0),
    u32(0),
    u32(AUDIO_RATE),
    u32(Math.round(durationSeconds * AUDIO_RATE)),
    u16(0x55c4),
    u16(0),
  );
  const hdlr = fullBox(
    "hdlr",
    0,
    u32(0),
    Buffer.from("soun", "latin1"),
    Buffer.alloc(12),
    Buffer.from("SoundHandler\0", "latin1"),
  );
  return box("trak", tkhd, box("mdia", mdhd, hdlr, minf));
}

/**
 * A small valid ISO-BMFF file (ftyp, free, moov with mvhd and a silent AAC track) that browsers
 * open; `label` makes each video's bytes distinct.
 */
export function tinyMp4(label: string, durationSeconds = 5): Buffer {
  return Buffer.concat([
    ftyp,
    box("free", Buffer.from(label, "utf8")),
    box("moov", mvhd(durationSeconds), audioTrack(durationSeconds)),
  ]);
}

/** A PCM WAV file of the given length (silence). */
export function wav(seconds: number, sampleRate = 8000): Buffer {
  const data = Buffer.alloc(Math.round(seconds * sampleRate));
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // byte rate (8-bit mono)
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A solid-colour RGB PNG of the given size. */
export function solidPng(
  width: number,
  height: number,
  rgb: [number, number, number] = [32, 96, 160],
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
    return Buffer.concat([u32(data.length), typeAndData, u32(crc32(typeAndData))]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export function bufferBody(contentType: string, bytes: Buffer): MediaBody {
  return {
    contentType,
    size: bytes.length,
    open: (start, end) => Readable.from([bytes.subarray(start, end + 1)]),
  };
}

const CHUNK = 64 * 1024;
const zeros = Buffer.alloc(CHUNK);

/**
 * A video of exactly `size` bytes generated on the fly: an ftyp box and a 64-bit mdat header, then
 * AES-128-CTR keystream keyed by the video id. Byte i depends only on (videoId, size, i), so any range
 * can be produced directly and tests can recompute the content (see expectedContentSha256).
 */
export function generatedVideoBody(videoId: string, size: number): MediaBody {
  const key = createHash("sha256").update(`pixverse-simulator:${videoId}`).digest().subarray(0, 16);
  const mdatHeader = Buffer.alloc(16);
  mdatHeader.writeUInt32BE(1, 0); // size 1 = 64-bit largesize follows
  mdatHeader.write("mdat", 4, "latin1");
  mdatHeader.writeBigUInt64BE(BigInt(Math.max(0, size - ftyp.length)), 8);
  const prefix = Buffer.concat([ftyp, mdatHeader]);

  return {
    contentType: "video/mp4",
    size,
    open(start, end) {
      const iv = Buffer.alloc(16);
      iv.writeBigUInt64BE(BigInt(Math.floor(start / 16)), 8);
      const cipher = createCipheriv("aes-128-ctr", key, iv);
      let skip = start % 16;
      let position = start;
      return new Readable({
        read() {
          if (position > end) {
            this.push(null);
            return;
          }
          const want = Math.min(CHUNK, end - position + 1);
          let bytes = cipher.update(zeros.subarray(0, Math.min(CHUNK, want + skip)));
          bytes = bytes.subarray(skip, skip + want);
          skip = 0;
          if (position < prefix.length) {
            const overlay = prefix.subarray(position, Math.min(prefix.length, position + bytes.length));
            bytes.set(overlay, 0);
          }
          position += bytes.length;
          this.push(bytes);
        },
      });
    },
  };
}

/** What a finished video serves: the tiny MP4 by default, or a generated body of `outputBytes`. */
export function videoBody(videoId: string, durationSeconds: number, outputBytes?: number): MediaBody {
  return outputBytes === undefined
    ? bufferBody("video/mp4", tinyMp4(`pixverse-simulator video ${videoId}`, durationSeconds))
    : generatedVideoBody(videoId, outputBytes);
}

/** Hex SHA-256 of a media body, streamed. */
export async function sha256Of(body: MediaBody): Promise<string> {
  const hash = createHash("sha256");
  if (body.size > 0) {
    for await (const chunk of body.open(0, body.size - 1)) hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

export interface VideoContentSpec {
  videoId: string;
  /** the outputBytes the video was generated with; omit for the default tiny MP4 */
  outputBytes?: number;
  /** duration the default tiny MP4 declares (the generation's duration) */
  durationSeconds?: number;
}

/** SHA-256 (hex) of the bytes the simulator serves for a video, computed independently of any server. */
export function expectedContentSha256(spec: VideoContentSpec): Promise<string> {
  return sha256Of(videoBody(spec.videoId, spec.durationSeconds ?? 5, spec.outputBytes));
}
