/**
 * flere as an installed package: `npm pack` (what ships), unpacked into a `node_modules` of
 * its own with its runtime dependencies beside it (linked from this checkout, so no network
 * is needed). Packed from the build `npm test` made (`--ignore-scripts`), not built again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** Where an installed package is. */
export interface InstalledPackage {
  /** The folder holding `node_modules/flere`. */
  readonly prefix: string;
  /** The installed launcher, `…/node_modules/flere/bin/flere`. */
  readonly bin: string;
  /** The installed package's example data, `…/node_modules/flere/data`. */
  readonly data: string;
}

/** Packs this checkout and installs it under `dir/prefix` (takes a few seconds). */
export function installPackage(dir: string): InstalledPackage {
  const prefix = join(dir, 'prefix');
  const modules = join(prefix, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, ROOT], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, tarball), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'flere'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies)) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  return { prefix, bin: join(modules, 'flere', 'bin', 'flere'), data: join(modules, 'flere', 'data') };
}
