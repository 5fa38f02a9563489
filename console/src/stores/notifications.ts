import { defineStore } from 'pinia';
import { api } from '../api/http';
import type { Notification, NotificationPage } from '../api/types';

/** The bell's notifications: the newest page (unread first) and the unread count, refreshed on each live event. */
export const useNotifications = defineStore('notifications', {
  state: () => ({ items: [] as Notification[], unread: 0, loaded: false }),
  actions: {
    async load() {
      try {
        const page = await api<NotificationPage>('/notifications?pageSize=10');
        this.items = page.items;
        this.unread = page.unread;
        this.loaded = true;
      } catch {
        // the bell keeps what it had; a 401 has already sent the person to the login page
      }
    },
    async markRead(id: string) {
      await api(`/notifications/${id}/read`, { method: 'POST' });
      await this.load();
    },
    reset() {
      this.items = [];
      this.unread = 0;
      this.loaded = false;
    },
  },
});
