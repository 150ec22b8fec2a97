/** The words of the policy, kept apart from the zod schema so `decide()` loads without zod. */
export const CELLS = ['allow', 'sandbox', 'approve', 'deny'] as const;
/** One cell of the permission matrix (PR-1). `approve` means a human confirms (verdict ask). */
export type Cell = (typeof CELLS)[number];

export const ROLES = ['default', 'reader', 'builder', 'operator'] as const;
export type RoleName = (typeof ROLES)[number];

export const PROTECT_KINDS = ['secret', 'no-write'] as const;
export type ProtectKind = (typeof PROTECT_KINDS)[number] | 'self';
