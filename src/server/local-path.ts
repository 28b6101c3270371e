/**
 * A path to redirect to on this server only. `//evil.com/` or `/\\evil.com/` in a Location header
 * is a link to another host (a protocol-relative URL), so leading slashes and backslashes become one.
 */
export function localPath(pathname: string): string {
  return `/${pathname.replace(/^[/\\]+/, '')}`;
}
