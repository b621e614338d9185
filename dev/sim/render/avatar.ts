// A person's default avatar as the simulated site serves it locally: their initials on a colour
// picked from the initials (Jira's initials avatars look alike), as SVG, so nothing leaves the machine.
const COLOURS = ['#0052CC', '#00875A', '#5243AA', '#DE350B', '#FF8B00', '#00A3BF', '#403294', '#006644'];

export function initialsAvatarSvg(initials: string): string | null {
  if (!/^[A-Z]{1,2}$/.test(initials)) return null;
  const colour = COLOURS[[...initials].reduce((n, c) => n + c.charCodeAt(0), 0) % COLOURS.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48"><rect width="48" height="48" fill="${colour}"/><text x="24" y="31" font-family="Arial, sans-serif" font-size="18" font-weight="600" fill="#FFFFFF" text-anchor="middle">${initials}</text></svg>`;
}
