/**
 * A full disk, simulated in-process: writes through Node's FileHandle fail with ENOSPC, as
 * they do on a full file system, for machines where a tiny tmpfs cannot be mounted. Undo
 * with `vi.restoreAllMocks()`.
 */
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/** Makes `FileHandle.writeFile` fail with ENOSPC for data whose text contains `marker` (any data without one). */
export async function simulateDiskFull(marker?: string): Promise<void> {
  const probe = await open(join(tmpdir(), `flere-probe-${process.pid}`), 'w');
  const proto = Object.getPrototypeOf(probe) as { writeFile: (data: unknown) => Promise<void> };
  await probe.close();
  const real = proto.writeFile;
  vi.spyOn(proto, 'writeFile').mockImplementation(function (this: unknown, data: unknown) {
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    if (marker === undefined || text.includes(marker)) {
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device (simulated)'), { code: 'ENOSPC' }));
    }
    return real.call(this, data);
  });
}
