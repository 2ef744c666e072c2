import { NavLink } from "react-router";
import "./settings-nav.css";

const LINKS = [
  { to: "/settings", label: "General" },
  { to: "/settings/response-plays", label: "Response plays" },
];

/** The Settings pages' own navigation, above each of them. */
export function SettingsNav() {
  return (
    <nav className="settings-nav" aria-label="Settings">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
