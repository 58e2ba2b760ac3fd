import type { Schema, Struct } from '@strapi/strapi';

export interface TicketingCalendarAssignment extends Struct.ComponentSchema {
  collectionName: 'components_ticketing_calendar_assignments';
  info: {
    displayName: 'Attribution calendrier de vente';
    icon: 'calendar';
  };
  attributes: {
    allChannels: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<true>;
    salesCalendar: Schema.Attribute.Relation<'oneToOne', 'plugin::ticketing.sales-calendar'>;
    salesChannels: Schema.Attribute.Relation<'oneToMany', 'plugin::ticketing.sales-channel'>;
  };
}

export interface TicketingProfileEvent extends Struct.ComponentSchema {
  collectionName: 'components_ticketing_profile_events';
  info: {
    displayName: '\u00C9v\u00E9nement du profil';
    icon: 'calendar';
  };
  attributes: {
    event: Schema.Attribute.Relation<'oneToOne', 'plugin::ticketing.event'>;
    performances: Schema.Attribute.Relation<'oneToMany', 'plugin::ticketing.performance'>;
  };
}

export interface TicketingSalesPeriod extends Struct.ComponentSchema {
  collectionName: 'components_ticketing_sales_periods';
  info: {
    displayName: 'P\u00E9riode de vente';
    icon: 'calendar';
  };
  attributes: {
    audienceCategories: Schema.Attribute.Relation<'oneToMany', 'plugin::ticketing.audience-category'>;
    closesAt: Schema.Attribute.DateTime;
    closingDays: Schema.Attribute.Integer;
    closingHours: Schema.Attribute.Integer;
    closingKind: Schema.Attribute.Enumeration<['none', 'atPerformance', 'absolute', 'relative']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'none'>;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    openingDays: Schema.Attribute.Integer;
    openingHours: Schema.Attribute.Integer;
    openingKind: Schema.Attribute.Enumeration<['absolute', 'relative']> & Schema.Attribute.Required & Schema.Attribute.DefaultTo<'absolute'>;
    opensAt: Schema.Attribute.DateTime;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'ticketing.calendar-assignment': TicketingCalendarAssignment;
      'ticketing.profile-event': TicketingProfileEvent;
      'ticketing.sales-period': TicketingSalesPeriod;
    }
  }
}
