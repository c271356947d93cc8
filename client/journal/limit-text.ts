// A buy-limit reset in words: the notification the page shows and the one a push shows are the
// same (tag `limit-<itemId>`), so each replaces the other, and a click on either opens the item.
import { limitResetTag } from '../../shared/domain/limit-resets';

export interface LimitNotification {
  title: string;
  options: { tag: string; body: string; data: { itemId: number; at: number }; icon: string; badge: string };
}

export function limitResetNotification(itemId: number, at: number, itemName: string | null, limit: number | null): LimitNotification {
  const whole = limit === null ? 'the whole limit' : `all ${limit.toLocaleString('en-GB')}`;
  return {
    title: `${itemName ?? `Item ${itemId}`}: buy limit reset`,
    options: {
      tag: limitResetTag(itemId),
      body: `Its 4-hour window ended: you can buy ${whole} again.`,
      data: { itemId, at },
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
    },
  };
}
