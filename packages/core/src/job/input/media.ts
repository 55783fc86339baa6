import type { ImageTemplateBody, VideoCapability, VideoCapabilityBody } from "../../pixverse/capabilities";
import { JOB_TYPE_SPECS, type MediaKind } from "./job-types";
import type { JobType, MediaRef } from "./schemas";

/** One media reference of a job input, by its dotted path ("image", "images.1", "multi_transition.0.image"). */
export interface MediaSlot {
  path: string;
  ref: MediaRef;
  kind: MediaKind;
}

/** What a slot became on PixVerse: an uploaded image, uploaded media, or an earlier PixVerse video. */
export type ResolvedSlot = { imgId: string } | { mediaId: string } | { sourceVideoId: string };
/** Resolved slots by path. */
export type ResolvedMedia = Record<string, ResolvedSlot>;

/** PixVerse's id field for each media field (a `video` field depends on its reference, see `place`). */
const WIRE_FIELD: Record<string, string> = {
  image: "img_id",
  images: "img_ids",
  first_frame: "first_frame_img",
  last_frame: "last_frame_img",
  audio: "audio_media_id",
};

type Fields = Record<string, unknown>;
const asFields = (value: unknown): Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The media references of a (validated) job input, for the pipeline to resolve. */
export function mediaSlots(type: JobType, input: unknown): MediaSlot[] {
  const fieldsOf = asFields(input);
  const slots: MediaSlot[] = [];
  for (const spec of JOB_TYPE_SPECS[type].media) {
    const add = (path: string, ref: unknown) => {
      if (ref !== undefined) slots.push({ path, ref: ref as MediaRef, kind: spec.kind });
    };
    if (spec.shape === "one") add(spec.field, fieldsOf[spec.field]);
    else if (spec.shape === "many") {
      for (const [i, ref] of asList(fieldsOf[spec.field]).entries()) add(`${spec.field}.${i}`, ref);
    } else {
      for (const [i, item] of asList(fieldsOf[spec.list]).entries()) {
        add(`${spec.list}.${i}.${spec.field}`, asFields(item)[spec.field]);
      }
    }
  }
  return slots;
}

/** The wire body for PixverseClient.generate / generateImageTemplate, which validate it again before sending. */
export type PixverseRequest =
  | { capability: "image_template"; body: ImageTemplateBody }
  | { capability: VideoCapability; body: VideoCapabilityBody<VideoCapability> };

function resolvedId(resolved: ResolvedMedia, slot: MediaSlot): ResolvedSlot {
  const id = resolved[slot.path];
  if (!id) throw new Error(`media at ${slot.path} has not been resolved`);
  const fits =
    slot.kind === "image" ? "imgId" in id : slot.kind === "audio" ? "mediaId" in id : !("imgId" in id);
  if (!fits)
    throw new Error(`media at ${slot.path} resolved to ${Object.keys(id).join()}, not a ${slot.kind}`);
  return id;
}

const idOf = (id: ResolvedSlot) =>
  "imgId" in id ? id.imgId : "mediaId" in id ? id.mediaId : id.sourceVideoId;

/** Puts a resolved id where the slot's reference was, under PixVerse's field name. */
function place(body: Fields, slot: MediaSlot, id: ResolvedSlot): void {
  const segments = slot.path.split(".");
  const last = segments.at(-1) ?? "";
  if (/^\d+$/.test(last)) {
    // an element of a list field: images.1 -> img_ids[1]
    const field = segments[0] ?? "";
    const wire = WIRE_FIELD[field] ?? field;
    const list = asList(body[wire]);
    list[Number(last)] = idOf(id);
    body[wire] = list;
    delete body[field];
    return;
  }
  const container = segments
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body) as Fields;
  delete container[last];
  if (slot.kind === "video") {
    // {job} reuses the earlier PixVerse video; anything uploaded is a video_media_id
    Object.assign(
      container,
      "sourceVideoId" in id ? { source_video_id: id.sourceVideoId } : { video_media_id: idOf(id) },
    );
  } else container[WIRE_FIELD[last] ?? last] = idOf(id);
}

/**
 * The PixVerse request for a validated job input once its media are resolved: the same fields, with each
 * media reference replaced by PixVerse's id field.
 */
export function toPixverseRequest(type: JobType, input: unknown, resolved: ResolvedMedia): PixverseRequest {
  const body: Fields = structuredClone(asFields(input));
  for (const slot of mediaSlots(type, input)) place(body, slot, resolvedId(resolved, slot));
  // the shape follows from the validated input; the client checks the body against the wire schema anyway
  return { capability: JOB_TYPE_SPECS[type].capability, body } as PixverseRequest;
}
