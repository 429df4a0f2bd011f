type Timestamp = Date | string;

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Timestamp | null;
  disabled: boolean;
  created_at: Timestamp;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  state_iso2: string | null;
  organ_id: string | null;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

/** Failed sign-ins per (e-mail as typed, client address); see sign-in.ts. */
export interface SignInThrottleTable {
  email: string;
  client: string;
  failures: number;
  blocked_until: Timestamp | null;
  last_failure_at: Timestamp;
}
