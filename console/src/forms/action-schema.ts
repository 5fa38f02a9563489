import { z } from 'zod';

/**
 * The API's own union of commands, checked for one action: the form's body (sent without its
 * `action`, which the form fixes) gets that action back before the union parses it, so a
 * refinement of the command (stages summing to the amount, measures of an approval) runs in the
 * browser too, with the same paths as the API's answer.
 */
export const actionSchema = (union: z.ZodType, action: string): z.ZodType =>
  z.preprocess((body) => ({ ...(body as Record<string, unknown>), action }), union);
