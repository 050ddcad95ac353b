import type { Core } from '@strapi/strapi';
import { PORTAL_ROLE_TYPES, type PortalRoleType, type SeatUsage } from '../../../shared/contracts';
import { takesSeat } from '../access/people-rules';
import { seatLimitReached } from '../errors';
import { withAdvisoryLock } from '../utils/advisory-lock';
import { getService } from '../utils/get-service';
import { INVITATION, USER } from '../constants';

/**
 * Seats (docs/roles-and-capabilities.md#seats): people with a seat role who are neither archived nor blocked,
 * plus pending invitations for seat roles. `byRole` counts every role, Clients included. Every change that could add a seat runs
 * in `withSeatCheck`: serialised, re-counted after the change, rolled back with a
 * 409 SEAT_LIMIT_REACHED if it went over the limit.
 */
const seats = ({ strapi }: { strapi: Core.Strapi }) => ({
  async limit(): Promise<number | null> {
    return (await getService(strapi, 'settings').current()).seatLimit;
  },

  async usage(): Promise<SeatUsage> {
    const now = getService(strapi, 'clock').now();
    const byRole = {} as Record<PortalRoleType, number>;
    for (const role of PORTAL_ROLE_TYPES) {
      const people = await strapi.db.query(USER).count({
        where: {
          role: { type: role },
          archivedAt: { $null: true },
          $or: [{ blocked: false }, { blocked: { $null: true } }],
        },
      });
      const invited = await strapi.db.query(INVITATION).count({
        where: { role, acceptedAt: { $null: true }, revokedAt: { $null: true }, expiresAt: { $gt: now } },
      });
      byRole[role] = people + invited;
    }
    const used = PORTAL_ROLE_TYPES.filter(takesSeat).reduce((sum, role) => sum + byRole[role], 0);
    const limit = await this.limit();
    return { limit, used, available: limit === null ? null : Math.max(0, limit - used), byRole };
  },

  /** Runs `change` in a transaction that holds the seat lock and refuses it if it overfills the plan. */
  async withSeatCheck<T>(change: () => Promise<T>): Promise<T> {
    return withAdvisoryLock(strapi, 'seats', async () => {
      const limit = await this.limit();
      const before = limit === null ? 0 : (await this.usage()).used;
      const result = await change();
      if (limit !== null) {
        const after = (await this.usage()).used;
        if (after > limit && after > before) throw seatLimitReached(limit);
      }
      return result;
    });
  },
});

export default seats;
