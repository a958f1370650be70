import { z } from 'zod';
import { Metadata } from './resources.ts';

/**
 * The API's documented limits: the one home for them. The contract's schemas check params against them
 * (so a mistake is named before anything is sent), the CLI checks a body file against them, and the
 * sandbox refuses what the real API refuses from the same figures.
 */
export const API_LIMITS = {
  metadataPairs: 16,
  metadataKey: 64,
  metadataValue: 512,
  attributesKeys: 16,
  attributesKey: 64,
  attributesValue: 512,
  tools: 128,
  codeInterpreterFiles: 20,
  fileSearchVectorStores: 1,
  /** file_search's max_num_results: 1 to 50. */
  fileSearchMaxResults: 50,
  name: 256,
  description: 512,
  instructions: 256_000,
  temperatureMax: 2,
  topPMax: 1,
  /** A function's and a json_schema's name: letters, digits, _ and -, 1 to 64 of them. */
  functionName: /^[a-zA-Z0-9_-]{1,64}$/,
  batchFiles: 2000,
  fileBytes: 512 * 1024 * 1024,
} as const;

const L = API_LIMITS;

/** Metadata as the API takes it: string pairs, at most 16, keys up to 64 characters, values up to 512. */
export const LimitedMetadata = Metadata.refine((m) => Object.keys(m).length <= L.metadataPairs, {
  error: `Metadata holds at most ${L.metadataPairs} pairs.`,
})
  .refine((m) => Object.keys(m).every((k) => k.length <= L.metadataKey), {
    error: `Metadata keys are at most ${L.metadataKey} characters.`,
  })
  .refine((m) => Object.values(m).every((v) => v.length <= L.metadataValue), {
    error: `Metadata values are at most ${L.metadataValue} characters.`,
  });

/** A vector-store file's attributes: at most 16 keys, values strings, numbers or booleans. */
export const Attributes = z
  .record(
    z
      .string()
      .min(1)
      .max(L.attributesKey, { error: `Attribute keys are at most ${L.attributesKey} characters.` }),
    z.union([
      z.string().max(L.attributesValue, { error: `Attribute values are at most ${L.attributesValue} characters.` }),
      z.number(),
      z.boolean(),
    ]),
  )
  .refine((a) => Object.keys(a).length <= L.attributesKeys, {
    error: `A file has at most ${L.attributesKeys} attributes.`,
  });
export type Attributes = z.infer<typeof Attributes>;

/** An assistant's tool resources as the API takes them: up to 20 code_interpreter files, at most 1 store. */
export const LimitedToolResources = z
  .object({
    code_interpreter: z
      .object({
        file_ids: z
          .array(z.string().min(1))
          .max(L.codeInterpreterFiles, { error: `code_interpreter holds at most ${L.codeInterpreterFiles} files.` })
          .optional(),
      })
      .optional(),
    file_search: z
      .object({
        vector_store_ids: z
          .array(z.string().min(1))
          .max(L.fileSearchVectorStores, {
            error: `file_search takes at most ${L.fileSearchVectorStores} vector store per assistant.`,
          })
          .optional(),
      })
      .optional(),
  })
  .nullable();
