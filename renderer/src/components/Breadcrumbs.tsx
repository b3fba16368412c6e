import type { Location } from '../../../app/api/types';
import { crumbs } from '../location';

interface Props {
  paneName: string;
  location: Location;
  connectionLabel: string;
  onNavigate(location: Location): void;
}

export function Breadcrumbs({ paneName, location, connectionLabel, onNavigate }: Props) {
  const trail = crumbs(location, connectionLabel);
  return (
    <nav aria-label={`Path in ${paneName}`} className="breadcrumbs">
      <ol>
        {trail.map((crumb, i) => (
          <li key={i}>
            {i === trail.length - 1 ? (
              <span aria-current="location">{crumb.label}</span>
            ) : (
              <button type="button" className="link" onClick={() => onNavigate(crumb.location)}>
                {crumb.label}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
