// Request input (query strings, route params) is parsed by a schema at the edge of each route; a
// failure is a 400 that names the parameter, so a client can tell which of its values was wrong.
import type { z } from 'zod';
import { HttpError } from '../http-error';

export type InputParser<T> = (input: unknown) => T;

/** Builds a parser for one kind of request input: typed output, or an HttpError 400. */
export function validate<S extends z.ZodType>(schema: S): InputParser<z.output<S>> {
  return (input) => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw new HttpError(400, 'invalid_parameter', describeIssue(input, result.error.issues[0]));
  };
}

function describeIssue(input: unknown, issue: z.core.$ZodIssue | undefined): string {
  const name = issue?.path.map(String).join('.') ?? '';
  if (!issue || name === '') return `invalid request: ${issue?.message ?? 'unreadable input'}`;
  const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
  if (given === undefined) return `missing parameter "${name}": ${lowerFirst(issue.message)}`;
  if (Array.isArray(given)) return `invalid parameter "${name}": given more than once`;
  return `invalid parameter "${name}": ${lowerFirst(issue.message)}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Like validate, for a JSON body: a failure is a 400 invalid_body naming the field's path. */
export function validateBody<S extends z.ZodType>(schema: S): InputParser<z.output<S>> {
  return (input) => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    const message = lowerFirst(issue?.message ?? 'unreadable input');
    throw new HttpError(400, 'invalid_body', path === '' ? `invalid body: ${message}` : `invalid body field "${path}": ${message}`);
  };
}
