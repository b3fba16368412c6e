/**
 * A pane's location as editable text (Ctrl/⌘+L focuses it). Enter reads
 * what was typed; anything not understood is refused inline with what was
 * wrong, and the pane stays where it is. Escape puts the current address back.
 */
import { useId, useState, type Ref } from 'react';
import type { ConnectionSummary, Location } from '../../../app/api/types';
import { formatAddress, parseAddress } from '../workspace/address';
import { resolveAddress } from '../workspace/resolve-address';

interface Props {
  paneName: string;
  location: Location;
  connections: readonly ConnectionSummary[];
  homeDir: string;
  inputRef?: Ref<HTMLInputElement>;
  onGo(location: Location, select?: string): void;
}

export function AddressBar({ paneName, location, connections, homeDir, inputRef, onGo }: Props) {
  const current = formatAddress(location, connections);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  // The pane moved (a click, history, another pane's drop): show where it is now, dropping any half-typed text.
  const [shownFor, setShownFor] = useState<string | null>(current);
  if (shownFor !== current) {
    setShownFor(current);
    setText(current);
    setError(null);
  }

  const go = async () => {
    const parsed = parseAddress(text, { connections, current: location, homeDir });
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    const resolved = await resolveAddress(parsed.address, text.trim());
    setBusy(false);
    if (!resolved.ok) {
      setError(resolved.error);
      return;
    }
    setError(null);
    // Show the place as Ferry writes it, even when it is where the pane already was (a file in the current folder).
    setShownFor(null);
    onGo(resolved.location, resolved.select);
  };

  return (
    <form
      className="address-bar"
      aria-label={`Address of ${paneName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void go();
      }}
    >
      <input
        ref={inputRef}
        type="text"
        aria-label="Address"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-busy={busy || undefined}
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText(current);
            setError(null);
          }
        }}
      />
      {error && (
        <p id={errorId} role="alert" className="inline-error address-error">
          {error}
        </p>
      )}
    </form>
  );
}
