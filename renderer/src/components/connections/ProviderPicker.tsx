/**
 * The provider picker: a combobox named "Provider" that filters the presets
 * as the user types (name, brand or old name), with the ARIA 1.2 combobox
 * pattern so arrow keys, Enter, Escape and screen readers all work.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ProviderInfo } from '../../../../app/api/types';
import { filterProviders } from './connection-draft';

interface Props {
  providers: ProviderInfo[];
  value: string;
  onChange(provider: ProviderInfo): void;
  invalid?: boolean;
}

export function ProviderPicker({ providers, value, onChange, invalid }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const selected = providers.find((p) => p.id === value);
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** The option the arrow keys point at; -1 until the user moves into the list. */
  const [active, setActive] = useState(-1);

  const shown = text ?? selected?.name ?? '';
  // While the user has not typed, the whole list shows, so opening it browses every provider.
  const matches = useMemo(() => filterProviders(providers, text ?? ''), [providers, text]);

  const choose = (provider: ProviderInfo) => {
    onChange(provider);
    setText(null);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(i + 1, matches.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((i) => Math.max(i - 1, -1));
        break;
      case 'Enter': {
        // Enter takes the highlighted option, or the best match when none is highlighted.
        const pick = matches[active] ?? matches[0];
        if (open && pick) {
          e.preventDefault();
          choose(pick);
        }
        break;
      }
      case 'Escape':
        if (open || text !== null) {
          // Close the list (and undo the typing) without closing the whole dialog.
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setText(null);
        }
        break;
      default:
        break;
    }
  };

  const activeOption = open ? matches[active] : undefined;
  return (
    <div className="provider-picker">
      <label htmlFor={id}>Provider</label>
      <input
        id={id}
        data-autofocus
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${id}-${activeOption.id}` : undefined}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        placeholder="Type to find your provider"
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setText(null);
        }}
      />
      <ul id={listId} role="listbox" aria-label="Providers" className="provider-list" hidden={!open}>
        {matches.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-${p.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // mousedown, not click: the input must not lose focus (and close the list) first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(p);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {p.name}
          </li>
        ))}
        {matches.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted">
            No provider matches “{text}”. Choose Other S3-compatible for any endpoint.
          </li>
        )}
      </ul>
    </div>
  );
}
