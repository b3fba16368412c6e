/** The headers a user may set, in the order the inspector shows them; typed against the core's list so the two cannot drift. */
import type { EditableHeader } from '../../../../app/api/inspect-types';

export const HEADER_LABELS = {
  contentType: 'Content-Type',
  cacheControl: 'Cache-Control',
  contentDisposition: 'Content-Disposition',
  contentEncoding: 'Content-Encoding',
  contentLanguage: 'Content-Language',
  expires: 'Expires',
  websiteRedirect: 'Website redirect',
} satisfies Record<EditableHeader, string>;

export const EDITABLE_HEADERS = Object.keys(HEADER_LABELS) as EditableHeader[];
