/** A provider's small mark beside a connection: its initials on its colour, so clouds tell apart at a glance. */
const marks: Record<string, [string, string]> = {
  aws: ['AWS', '#d97706'],
  r2: ['R2', '#ea580c'],
  b2: ['B2', '#dc2626'],
  gcs: ['GC', '#2563eb'],
  digitalocean: ['DO', '#0284c7'],
  wasabi: ['Wa', '#16a34a'],
  minio: ['Mi', '#c2185b'],
  tigris: ['Ti', '#7c3aed'],
  hetzner: ['Hz', '#b91c1c'],
  scaleway: ['Sc', '#6d28d9'],
  demo: ['De', '#0f766e'],
  // Any other S3-compatible server (MinIO's own preset aside): "OT", its id's first letters, said nothing.
  other: ['S3', '#4b5563'],
};

export function ProviderMark({ providerId }: { providerId: string | undefined }) {
  const [text, colour] = marks[providerId ?? ''] ?? [(providerId ?? 'S3').slice(0, 2).toUpperCase(), '#4b5563'];
  return (
    <span className="provider-mark" style={{ background: colour }} aria-hidden="true">
      {text}
    </span>
  );
}
