import type { UserRole } from '../users/entities/user.entity';

/** Who is calling, as the guards and services see it. */
export interface Principal {
  id: string;
  role: UserRole;
  unitId: string | null;
  sessionId: string;
  /** The account as of the last check (at most a few seconds old). */
  profile: {
    fullName: string;
    email: string | null;
    phone: string | null;
    status: string;
    createdAt: Date;
  };
}

/** Claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  sid: string;
  ver: number;
}
