import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../src/core/security';

describe('restricted security contexts', () => {
  test('pod: non-root identity, RuntimeDefault seccomp; @default fsGroup: same as runAsGroup', () => {
    expect(restrictedPodSecurityContext({ runAsUser: 1000, runAsGroup: 2000 })).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 2000,
      fsGroup: 2000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('pod: an explicit fsGroup is kept', () => {
    expect(restrictedPodSecurityContext({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 3000 }).fsGroup).toBe(3000);
  });

  test.each([true, false])('container (readOnlyRootFilesystem %p): no escalation, no privilege, all capabilities dropped', (readOnly) => {
    expect(restrictedContainerSecurityContext(readOnly)).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: readOnly,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
});
