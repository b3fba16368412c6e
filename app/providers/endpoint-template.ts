/**
 * Fills a preset's endpoint template from the fields the user typed, and
 * checks each value before it becomes part of a host name, so a stray space
 * or slash is named as a field error rather than surfacing as a DNS failure.
 */
import { FerryError } from '../api/errors.js';
import type { ProviderFieldName, ProviderFieldValues } from '../api/connection-types.js';
import type { ProviderPreset } from './provider-types.js';

export const FIELD_LABELS: Record<Exclude<ProviderFieldName, 'endpoint'>, string> = {
  region: 'Region',
  accountId: 'Account ID',
  location: 'Location',
  namespace: 'Namespace',
};

const HOST_PART = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

export interface TemplateValues extends ProviderFieldValues {
  region: string;
}

function valueFor(name: Exclude<ProviderFieldName, 'endpoint'>, values: TemplateValues): string {
  const raw = (name === 'region' ? values.region : values[name]) ?? '';
  const value = raw.trim();
  if (!value) {
    throw new FerryError('invalid-arguments', `${FIELD_LABELS[name]} is needed to build the endpoint.`, { details: { field: name } });
  }
  if (!HOST_PART.test(value)) {
    throw new FerryError(
      'invalid-arguments',
      `${FIELD_LABELS[name]} "${value}" cannot be part of a host name: use letters, digits and dashes.`,
      {
        details: { field: name },
      },
    );
  }
  return value.toLowerCase();
}

export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{(region|accountId|location|namespace)\}/g, (_m, name: Exclude<ProviderFieldName, 'endpoint'>) =>
    valueFor(name, values),
  );
}

/** The endpoint a preset implies, or undefined when the user must give one. */
export function presetEndpoint(preset: ProviderPreset, values: TemplateValues): string | undefined {
  return preset.endpointTemplate ? fillTemplate(preset.endpointTemplate, values) : undefined;
}
