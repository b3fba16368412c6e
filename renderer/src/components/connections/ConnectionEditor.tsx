/**
 * The body of the connection dialog: pick a provider, then only the fields
 * that provider needs, with the endpoint filled from its template. "Test
 * connection" runs the core's diagnostics on what is typed (the secret goes
 * to the core and never comes back); Save stores it, keeping what the test
 * learnt. Errors name their field.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ConnectionSummary, DiagnosticReport, ProviderInfo } from '../../../../app/api/types';
import { CallError } from '../../bridge/ferry-client';
import { AwsProfileOffers } from './AwsProfileOffers';
import { draftFrom, emptyForm, formFromSummary, templatePreview, withProvider, type FormState } from './connection-draft';
import { useSaveConnection, useTestConnection } from './connection-queries';
import { CredentialFields } from './CredentialFields';
import { ProviderPicker } from './ProviderPicker';
import { ProxyFields } from './ProxyFields';
import { proxyProblems } from './proxy-form';
import { TestResult } from './TestResult';

interface Props {
  providers: ProviderInfo[];
  editing?: ConnectionSummary | undefined;
  titleId: string;
  onDone(): void;
}

export function ConnectionEditor({ providers, editing, titleId, onDone }: Props) {
  const initialProvider = providers.find((p) => p.id === (editing?.providerId ?? 'other'));
  const [form, setForm] = useState<FormState>(() => (editing ? formFromSummary(editing, initialProvider) : emptyForm(initialProvider)));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [report, setReport] = useState<DiagnosticReport | null>(null);
  const [moreOpen, setMoreOpen] = useState(Boolean(editing?.caFile || editing?.buckets?.length));
  const save = useSaveConnection();
  const tester = useTestConnection();
  const errorId = useId();
  const regionsId = useId();
  const bucketRef = useRef<HTMLInputElement>(null);
  const caRef = useRef<HTMLInputElement>(null);
  const proxyPasswordRef = useRef<HTMLInputElement>(null);

  const provider = providers.find((p) => p.id === form.providerId);
  const fields = provider?.fields ?? ['endpoint', 'region'];
  const preview = templatePreview(provider, form);
  const set = (change: Partial<FormState>) => setForm((f) => ({ ...f, ...change }));
  // The core names the field in error (zod paths such as buckets.0 included).
  const fieldProps = (name: string) => ({
    name,
    ...(error?.field === name || error?.field?.startsWith(`${name}.`)
      ? { 'aria-invalid': true as const, 'aria-describedby': errorId }
      : {}),
  });

  const fail = (err: unknown) => {
    if (err instanceof CallError) {
      const field = err.data.details?.field;
      setError({ message: err.data.message, ...(typeof field === 'string' ? { field } : {}) });
    } else setError({ message: String(err) });
  };

  // Proxy mistakes are named beside their field as the user types; nothing is sent while one stands.
  const proxyBlocked = Object.keys(proxyProblems(form)).length > 0;
  const proxyError = error?.field?.startsWith('proxy.') ? { field: error.field, message: error.message } : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (proxyBlocked) return;
    try {
      await save.mutateAsync({ ...(editing ? { id: editing.id } : {}), draft: draftFrom(form, provider) });
      onDone();
    } catch (err) {
      fail(err);
    }
  };

  const runTest = async () => {
    setError(null);
    setReport(null);
    if (proxyBlocked) return;
    try {
      const bucket = form.bucket.trim();
      setReport(
        await tester.mutateAsync({
          draft: draftFrom(form, provider),
          ...(editing ? { id: editing.id } : {}),
          ...(bucket ? { bucket } : {}),
        }),
      );
    } catch (err) {
      fail(err);
    }
  };

  const offer = (what: NonNullable<DiagnosticReport['offer']>) => {
    switch (what) {
      case 'enter-bucket':
        setMoreOpen(true);
        setTimeout(() => bucketRef.current?.focus());
        break;
      case 'trust-ca':
        setMoreOpen(true);
        setTimeout(() => caRef.current?.focus());
        break;
      case 'proxy-password':
        setTimeout(() => {
          const input = proxyPasswordRef.current;
          // Opening the section fires its toggle event, which keeps React's idea of it in step.
          const section = input?.closest('details');
          if (section) section.open = true;
          input?.select();
        });
        break;
      case 'use-http':
      case 'use-https': {
        const current = form.endpointEdited || fields.includes('endpoint') ? form.endpoint : (preview ?? '');
        const next = what === 'use-http' ? current.replace(/^https:/, 'http:') : current.replace(/^http:/, 'https:');
        set({ endpoint: next, endpointEdited: true });
        break;
      }
      default:
        throw new Error(`unknown offer ${String(what)}`);
    }
  };

  const endpointValue = fields.includes('endpoint') || form.endpointEdited ? form.endpoint : (preview ?? '');
  // A typed endpoint comes right after the name; a templated one after the fields it is built from.
  const endpointField = (
    <label>
      Endpoint URL
      <input
        {...fieldProps('endpoint')}
        value={endpointValue}
        onChange={(e) => set({ endpoint: e.target.value, endpointEdited: true })}
        required={fields.includes('endpoint')}
        placeholder={provider?.endpointTemplate ?? 'https://s3.example.com'}
        inputMode="url"
        spellCheck={false}
      />
    </label>
  );
  return (
    <form onSubmit={submit} className="connection-form" noValidate={false}>
      <h2 id={titleId}>{editing ? 'Edit connection' : 'Add connection'}</h2>
      {!editing && <AwsProfileOffers place="add-connection" onDone={onDone} />}
      <ProviderPicker
        providers={providers}
        value={form.providerId}
        invalid={error?.field === 'providerId'}
        onChange={(p) => setForm((f) => withProvider(f, p))}
      />
      {provider?.notes[0] && <p className="muted provider-note">{provider.notes[0]}</p>}
      <label>
        Name
        <input
          {...fieldProps('label')}
          value={form.label}
          onChange={(e) => set({ label: e.target.value })}
          required
          placeholder="e.g. Production archive"
        />
      </label>
      {fields.includes('endpoint') && endpointField}
      {fields.includes('accountId') && (
        <label>
          Account ID
          <input
            {...fieldProps('accountId')}
            value={form.accountId}
            onChange={(e) => set({ accountId: e.target.value })}
            required
            spellCheck={false}
          />
        </label>
      )}
      {fields.includes('namespace') && (
        <label>
          Namespace
          <input
            {...fieldProps('namespace')}
            value={form.namespace}
            onChange={(e) => set({ namespace: e.target.value })}
            required
            spellCheck={false}
          />
        </label>
      )}
      {(fields.includes('region') || fields.includes('location')) && (
        <label>
          {fields.includes('location') ? 'Location' : 'Region'}
          <input
            {...fieldProps(fields.includes('location') ? 'location' : 'region')}
            list={regionsId}
            value={fields.includes('location') ? form.location : form.region}
            onChange={(e) => set(fields.includes('location') ? { location: e.target.value } : { region: e.target.value })}
            placeholder={provider?.defaultRegion ?? 'us-east-1'}
            spellCheck={false}
          />
          <datalist id={regionsId}>
            {(provider?.regions ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </datalist>
        </label>
      )}
      {!fields.includes('endpoint') && endpointField}
      {!provider?.pathStyleFixed && (
        <label className="checkbox">
          <input
            {...fieldProps('pathStyle')}
            type="checkbox"
            checked={form.pathStyle}
            onChange={(e) => set({ pathStyle: e.target.checked })}
          />
          Path-style addressing (most self-hosted servers need it)
        </label>
      )}
      <CredentialFields
        form={form}
        editing={Boolean(editing)}
        hasStoredSecret={editing?.secret === 'stored' || editing?.secret === 'session'}
        set={set}
        fieldProps={fieldProps}
      />
      <ProxyFields form={form} set={set} savedPassword={editing?.proxy?.password} serverError={proxyError} passwordRef={proxyPasswordRef} />
      <details open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary>More options</summary>
        <label>
          Bucket (when these keys may not list buckets)
          <input
            ref={bucketRef}
            {...fieldProps('buckets')}
            value={form.bucket}
            onChange={(e) => set({ bucket: e.target.value })}
            spellCheck={false}
          />
        </label>
        <label>
          CA certificate file (self-hosted HTTPS)
          <input
            ref={caRef}
            {...fieldProps('caFile')}
            value={form.caFile}
            onChange={(e) => set({ caFile: e.target.value })}
            placeholder="/path/to/ca.pem"
            spellCheck={false}
          />
        </label>
      </details>
      {error && !proxyError && (
        <p role="alert" id={errorId} className="form-error">
          {error.message}
        </p>
      )}
      <TestResult report={report} pending={tester.isPending} error={null} onOffer={offer} />
      <div className="dialog-buttons">
        <button type="button" onClick={() => void runTest()} disabled={tester.isPending}>
          {tester.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <span className="spacer" />
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save connection'}
        </button>
      </div>
    </form>
  );
}
