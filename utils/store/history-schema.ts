import { z } from '../answers/zod';

/** What every export file names itself, so an import can tell it from any other JSON. */
export const FORMAT = 'glimpse-history';

// An import is untrusted: every field is named and checked, unknown ones are dropped (z.object strips them),
// and marks that grant something (the all-sites offer) or point at this browser (tab and frame ids) never come in.
const EARLIEST = Date.UTC(2020, 0, 1);
const time = z.number().check(z.refine((n) => n >= EARLIEST && n <= Date.now() + 86_400_000, 'not a plausible time'));
const id = z.string().check(z.minLength(1), z.maxLength(200));
const short = z.string().check(z.maxLength(2000));
const count = z.number().check(z.gte(0));
const dataImage = z.string().check(z.refine((s) => s === '' || /^data:image\/[a-z0-9.+-]+[;,]/i.test(s), 'not a data:image/ URL'));

const METHODS = ['data-url', 'worker-fetch', 'page-read', 'screenshot-crop', 'region', 'visible-tab', 'paste', 'drop', 'url'] as const;
const Source = z.object({
  method: z.enum(METHODS),
  pageUrl: z.optional(short),
  pageTitle: z.optional(short),
  srcUrl: z.optional(z.string()),
  element: z.optional(short),
  mediaType: z.optional(short),
});

const Thread = z.object({
  id, imageId: z.string().check(z.maxLength(200)), createdAt: time, updatedAt: time, presetId: id, title: short, source: z.optional(Source),
});

const Usage = z.object({ inputTokens: z.optional(count), outputTokens: z.optional(count) });
const Estimate = z.object({
  imageTokens: count, promptTokens: count, usd: z.optional(count), price: z.optional(z.object({ input: count, output: count })),
  rule: short, local: z.boolean(), pricesAsOf: short,
});
const Entry = z.object({
  id, threadId: id, createdAt: time, updatedAt: time, presetId: id, prompt: z.string(), question: z.optional(z.string()),
  profileId: z.optional(id), profileName: z.optional(short), provider: z.optional(short), model: z.optional(short),
  status: z.enum(['streaming', 'done', 'stopped', 'failed', 'interrupted']),
  text: z.string(),
  error: z.optional(z.object({ kind: short, message: z.string(), status: z.optional(z.number()), models: z.optional(z.array(short)) })),
  usage: z.optional(Usage),
  compareGroup: z.optional(id),
  altEdit: z.optional(z.object({ short: z.string(), long: z.string(), decorative: z.boolean(), editedAt: time })),
  estimate: z.optional(Estimate),
  cost: z.optional(z.object({ usd: count, pricesAsOf: short })),
  notice: z.optional(z.string()),
  raw: z.optional(z.string()),
});

const Image = z.object({
  id, createdAt: time, mime: z.string().check(z.regex(/^image\/[a-z0-9.+-]+$/i)), bytes: z.string(),
  width: count, height: count,
  original: z.object({ mime: short, width: count, height: count, byteLength: count }),
  thumb: dataImage, notes: z.array(z.string()), source: Source,
});

/** The shape an import must have before anything is written. */
export const ExportSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  threads: z.array(Thread),
  entries: z.array(Entry),
  images: z.array(Image),
});

export type ExportFile = z.infer<typeof ExportSchema>;
