import { z } from '../answers/zod';

/** What every export file names itself, so an import can tell it from any other JSON. */
export const FORMAT = 'glimpse-history';

/** The shape an import must have before anything is written. */
export const ExportSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  threads: z.array(z.looseObject({ id: z.string(), imageId: z.string(), createdAt: z.number() })),
  entries: z.array(z.looseObject({ id: z.string(), threadId: z.string(), createdAt: z.number(), status: z.string(), text: z.string() })),
  images: z.array(z.looseObject({ id: z.string(), bytes: z.string(), mime: z.string() })),
});

export type ExportFile = z.infer<typeof ExportSchema>;
