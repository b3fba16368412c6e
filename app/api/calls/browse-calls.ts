import { z } from 'zod';
import type { Listing, ObjectDetails } from '../types.js';
import { call } from '../define-call.js';
import { itemRefSchema, locationSchema } from '../schemas.js';

export const browseCalls = {
  'browse.list': call<Listing>()(z.object({ location: locationSchema }).strict()),
  'object.inspect': call<ObjectDetails>()(z.object({ item: itemRefSchema }).strict()),
} as const;
