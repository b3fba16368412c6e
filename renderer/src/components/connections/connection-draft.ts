/**
 * The dialog's form state and how it becomes a draft for the core. The
 * endpoint shown under a templated provider is a preview filled here as the
 * user types; the core fills it again from the same template when saving,
 * so the two can never disagree about what is stored.
 */
import type { CallArgs } from '../../../../app/api/contract';
import type { ConnectionSummary, CredentialSource, ProviderInfo, ProxyMode } from '../../../../app/api/types';

export interface FormState {
  providerId: string;
  label: string;
  endpoint: string;
  /** The user typed the endpoint; stop filling it from the template. */
  endpointEdited: boolean;
  region: string;
  accountId: string;
  location: string;
  namespace: string;
  pathStyle: boolean;
  credentialSource: CredentialSource;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  awsProfile: string;
  caFile: string;
  bucket: string;
  proxyMode: ProxyMode;
  proxyUrl: string;
  proxyUsername: string;
  /** Empty keeps a saved password. */
  proxyPassword: string;
  /** The user asked to forget the saved password. */
  proxyClearPassword: boolean;
}

export function emptyForm(provider: ProviderInfo | undefined): FormState {
  return {
    providerId: provider?.id ?? 'other',
    label: '',
    endpoint: '',
    endpointEdited: false,
    region: provider?.defaultRegion ?? 'us-east-1',
    accountId: '',
    location: provider?.fields.includes('location') ? provider.defaultRegion : '',
    namespace: '',
    pathStyle: provider?.pathStyle ?? true,
    credentialSource: 'keys',
    accessKeyId: '',
    secretAccessKey: '',
    sessionToken: '',
    awsProfile: '',
    caFile: '',
    bucket: '',
    proxyMode: 'system',
    proxyUrl: '',
    proxyUsername: '',
    proxyPassword: '',
    proxyClearPassword: false,
  };
}

/** Switching provider keeps what the user typed that still applies, and takes the new provider's defaults. */
export function withProvider(form: FormState, provider: ProviderInfo): FormState {
  const regionKnown = provider.regions.some((r) => r.id === form.region);
  return {
    ...form,
    providerId: provider.id,
    region: regionKnown ? form.region : provider.defaultRegion,
    location: provider.fields.includes('location') ? form.location || provider.defaultRegion : '',
    pathStyle: provider.pathStyle,
    endpoint: provider.endpointTemplate ? '' : form.endpointEdited ? form.endpoint : '',
    endpointEdited: provider.endpointTemplate ? false : form.endpointEdited,
  };
}

const PLACEHOLDER = /\{(region|accountId|location|namespace)\}/g;

/** The endpoint a template gives for the fields so far, or undefined while one is still missing. */
export function templatePreview(provider: ProviderInfo | undefined, form: FormState): string | undefined {
  if (!provider?.endpointTemplate) return undefined;
  const values: Record<string, string> = {
    region: form.region || form.location,
    accountId: form.accountId,
    location: form.location,
    namespace: form.namespace,
  };
  let missing = false;
  const filled = provider.endpointTemplate.replace(PLACEHOLDER, (_m, name: string) => {
    const v = (values[name] ?? '').trim().toLowerCase();
    if (!v) missing = true;
    return v;
  });
  return missing ? undefined : filled;
}

export function formFromSummary(c: ConnectionSummary, provider: ProviderInfo | undefined): FormState {
  const base = emptyForm(provider);
  const form: FormState = {
    ...base,
    providerId: c.providerId ?? 'other',
    label: c.label,
    region: c.region,
    accountId: c.fields?.accountId ?? '',
    location: c.fields?.location ?? '',
    namespace: c.fields?.namespace ?? '',
    pathStyle: c.pathStyle,
    credentialSource: c.credentialSource ?? 'keys',
    accessKeyId: c.accessKeyId,
    awsProfile: c.awsProfile ?? '',
    caFile: c.caFile ?? '',
    bucket: c.buckets?.[0] ?? '',
    proxyMode: c.proxy?.mode ?? 'system',
    proxyUrl: c.proxy?.url ?? '',
    proxyUsername: c.proxy?.username ?? '',
  };
  const preview = templatePreview(provider, form);
  return preview === c.endpoint ? form : { ...form, endpoint: c.endpoint, endpointEdited: true };
}

export function draftFrom(form: FormState, provider: ProviderInfo | undefined): CallArgs<'connections.add'> {
  const fields = provider?.fields ?? ['endpoint', 'region'];
  const typedEndpoint = fields.includes('endpoint') || form.endpointEdited;
  return {
    label: form.label,
    providerId: form.providerId,
    endpoint: typedEndpoint ? form.endpoint : '',
    region: fields.includes('region') ? form.region : fields.includes('location') ? form.location : '',
    ...(fields.includes('accountId') ? { accountId: form.accountId } : {}),
    ...(fields.includes('location') ? { location: form.location } : {}),
    ...(fields.includes('namespace') ? { namespace: form.namespace } : {}),
    pathStyle: form.pathStyle,
    credentialSource: form.credentialSource,
    accessKeyId: form.credentialSource === 'keys' ? form.accessKeyId : '',
    secretAccessKey: form.credentialSource === 'keys' ? form.secretAccessKey : '',
    ...(form.credentialSource === 'keys' && form.sessionToken ? { sessionToken: form.sessionToken } : {}),
    ...(form.credentialSource === 'aws-profile' ? { awsProfile: form.awsProfile } : {}),
    ...(form.caFile.trim() ? { caFile: form.caFile.trim() } : {}),
    buckets: form.bucket.trim() ? [form.bucket.trim()] : [],
    proxy: {
      mode: form.proxyMode,
      url: form.proxyMode === 'custom' ? form.proxyUrl.trim() : '',
      username: form.proxyMode === 'custom' ? form.proxyUsername.trim() : '',
      password: form.proxyMode === 'custom' ? form.proxyPassword : '',
      clearPassword: form.proxyMode === 'custom' && form.proxyClearPassword,
    },
  };
}

/** Case-insensitive match on the name, the id and the keywords, best matches (name starts with it) first. */
export function filterProviders(providers: ProviderInfo[], query: string): ProviderInfo[] {
  const q = query.trim().toLowerCase();
  if (!q) return providers;
  const score = (p: ProviderInfo): number => {
    const name = p.name.toLowerCase();
    if (name.startsWith(q)) return 0;
    if (name.split(/[\s()/-]+/).some((w) => w.startsWith(q))) return 1;
    if (p.keywords.some((k) => k.toLowerCase().startsWith(q)) || p.id.startsWith(q)) return 2;
    if (name.includes(q) || p.keywords.some((k) => k.toLowerCase().includes(q))) return 3;
    return -1;
  };
  return providers
    .map((p, i) => ({ p, s: score(p), i }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.p);
}
