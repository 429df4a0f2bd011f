/** The roles a user can hold, and what each must be scoped to. */

export const ROLES = {
  administrator: { state: 'none', organ: 'none', label: 'Administrator' },
  secretariat_officer: { state: 'none', organ: 'optional', label: 'Secretariat officer' },
  national_coordinator: { state: 'required', organ: 'none', label: 'National coordinator' },
  delegate: { state: 'required', organ: 'required', label: 'Delegate of a state to an organ' },
  partner_delegate: { state: 'required', organ: 'optional', label: 'Observer or partner delegate' },
  competent_authority: { state: 'required', organ: 'none', label: 'Competent-authority officer' },
  rats_officer: { state: 'none', organ: 'none', label: 'RATS Executive Committee officer' },
  cert_officer: { state: 'required', organ: 'none', label: 'Officer of a national CERT (information security)' },
} as const satisfies Record<string, { state: Scope; organ: Scope; label: string }>;

type Scope = 'none' | 'optional' | 'required';
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export interface RoleGrant {
  role: Role;
  state: string | null;
  organ: string | null;
}

/** Why a grant is malformed, or undefined when it is well-formed. */
export function grantProblem(grant: { role: string; state?: string | null; organ?: string | null }): string | undefined {
  const rule = (ROLES as Record<string, { state: Scope; organ: Scope }>)[grant.role];
  if (!rule) return `unknown role "${grant.role}" (one of ${ROLE_NAMES.join(', ')})`;
  for (const scope of ['state', 'organ'] as const) {
    const has = Boolean(grant[scope]);
    const named = scope === 'organ' ? 'an organ (--organ)' : 'a state (--state)';
    if (rule[scope] === 'required' && !has) return `role ${grant.role} needs ${named}`;
    if (rule[scope] === 'none' && has) return `role ${grant.role} is not scoped to ${named}`;
  }
  return undefined;
}
