import { screens, type ScreenId } from '../state/navigation.ts';
import { StatusArea } from './status-area.tsx';

export function TopBar({ current, onNavigate }: { current: ScreenId; onNavigate: (screen: ScreenId) => void }) {
  return (
    <header className="top-bar">
      <span className="top-bar__brand">Ferry</span>
      <nav className="top-bar__nav" aria-label="Main">
        <ul>
          {screens.map((screen) => (
            <li key={screen.id}>
              <button
                type="button"
                className="top-bar__tab"
                aria-current={screen.id === current ? 'page' : undefined}
                onClick={() => onNavigate(screen.id)}
              >
                {screen.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <StatusArea />
    </header>
  );
}
