import { FORMAT } from './history';
import { z } from './zod';

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
