/** The answer of "Test connection": the named result first, then each step, then what the user can do about it. */
import type { DiagnosticReport } from '../../../../app/api/types';

interface Props {
  report: DiagnosticReport | null;
  pending: boolean;
  error: string | null;
  onOffer(offer: NonNullable<DiagnosticReport['offer']>): void;
}

const OFFERS: Record<NonNullable<DiagnosticReport['offer']>, string> = {
  'enter-bucket': 'Enter a bucket name',
  'trust-ca': 'Trust a CA certificate file',
  'use-http': 'Switch to http://',
  'use-https': 'Switch to https://',
  'proxy-password': 'Enter the proxy password',
};

export function TestResult({ report, pending, error, onOffer }: Props) {
  return (
    <div role="status" aria-live="polite" aria-label="Connection test" className="test-result">
      {pending && <p className="muted">Testing…</p>}
      {!pending && error && <p className="form-error">{error}</p>}
      {!pending && report && (
        <>
          <p className={report.ok ? 'test-ok' : 'test-failed'}>
            <strong>{report.ok ? 'Connected.' : 'Failed.'}</strong> {report.message}
          </p>
          <ol className="test-steps">
            {report.steps.map((s) => (
              <li key={`${s.id}-${s.status}`} data-status={s.status}>
                <span className="step-mark" aria-hidden="true">
                  {s.status === 'ok' ? '✓' : s.status === 'failed' ? '✗' : s.status === 'warning' ? '!' : '–'}
                </span>{' '}
                {s.label}: {s.status === 'ok' ? 'passed' : s.status}
                {s.detail ? ` (${s.detail})` : ''}
              </li>
            ))}
          </ol>
          {report.certificate && (
            <p className="muted">
              Certificate: {report.certificate.subject}, issued by {report.certificate.issuer}, valid until {report.certificate.validTo}.
            </p>
          )}
          {report.offer && (
            <button type="button" onClick={() => onOffer(report.offer as NonNullable<DiagnosticReport['offer']>)}>
              {OFFERS[report.offer]}
            </button>
          )}
        </>
      )}
    </div>
  );
}
