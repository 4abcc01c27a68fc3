// The 32 functional modules of REQUIREMENTS.md, placed in the console's menu.
// Names and one-line purposes live in the i18n messages under `modules.<number>`.
// A menu item without `page` shows the "not built yet" notice for its module. Pages that
// are not one of the 32 modules (the audit trail) have a `key` instead of a `module`; their
// names live under `menuItem.<key>`. An item with a `permission` is shown, and its page opened,
// only to staff whose roles grant it; the server checks it again on every call.

export const HOME_PATH = '/home'

export const menuGroups = [
  {
    key: 'home',
    items: [
      // Modules 2-10 are the indicators shown on the home page itself.
      { module: 1, path: HOME_PATH, page: () => import('./home/HomePage.vue') },
    ],
  },
  {
    key: 'system',
    items: [
      { module: 11, path: '/system/users', page: () => import('./identity/UserList.vue') },
      { module: 12, path: '/system/roles', page: () => import('./identity/RoleList.vue') },
      { module: 13, path: '/system/channels', page: () => import('./identity/ChannelList.vue') },
      { module: 14, path: '/system/config', page: () => import('./identity/SystemSettings.vue') },
      { key: 'audit', path: '/system/audit', page: () => import('./identity/AuditLog.vue') },
    ],
  },
  {
    key: 'services',
    items: [
      { module: 16, path: '/services/api', page: () => import('./registry/ApiServiceList.vue') },
      {
        key: 'upstreams',
        path: '/services/upstreams',
        page: () => import('./registry/UpstreamList.vue'),
        permission: 'registry.upstream.read',
      },
      {
        key: 'catalogImport',
        path: '/services/import',
        page: () => import('./registry/CatalogImportPage.vue'),
        permission: 'registry.api_service.read',
      },
      {
        module: 17,
        path: '/services/testing',
        page: () => import('./registry/ServiceTesting.vue'),
        permission: 'registry.api_test.run',
      },
      {
        module: 31,
        path: '/services/gateway',
        page: () => import('./registry/EdgeConfigPage.vue'),
        permission: 'registry.edge_snapshot.read',
      },
      { module: 32, path: '/services/business-interfaces' },
    ],
  },
  {
    key: 'access',
    items: [
      {
        module: 18,
        path: '/access/applications',
        page: () => import('./registry/AccessApplicationList.vue'),
        permission: 'registry.access_application.read',
      },
      {
        module: 19,
        path: '/access/reviews',
        page: () => import('./registry/AccessReviewInbox.vue'),
        permission: 'registry.access_application.approve',
      },
      {
        key: 'grants',
        path: '/access/grants',
        page: () => import('./registry/AccessGrantList.vue'),
        permission: 'registry.access_grant.read',
      },
      {
        key: 'reviewPolicies',
        path: '/access/review-policies',
        page: () => import('./registry/ReviewPolicyList.vue'),
        permission: 'registry.review_policy.read',
      },
      {
        module: 15,
        path: '/access/developer-center',
        page: () => import('./registry/DeveloperCenter.vue'),
        permission: 'registry.api_doc.read',
      },
    ],
  },
  {
    key: 'operations',
    items: [
      { module: 20, path: '/operations/monitoring', page: () => import('./monitor/MonitoringCenter.vue') },
      { module: 21, path: '/operations/logs', page: () => import('./monitor/AccessLogQuery.vue') },
      { module: 22, path: '/operations/service-usage', page: () => import('./monitor/ServiceUsagePage.vue') },
      { module: 23, path: '/operations/channel-access', page: () => import('./monitor/ChannelAccessPage.vue') },
      {
        module: 24,
        path: '/operations/alerts',
        page: () => import('./monitor/AlertInbox.vue'),
        permission: 'monitor.alert.read',
      },
      {
        key: 'alertRules',
        path: '/operations/alert-rules',
        page: () => import('./monitor/AlertRuleList.vue'),
        permission: 'monitor.alert_rule.read',
      },
      {
        key: 'notificationChannels',
        path: '/operations/notification-channels',
        page: () => import('./monitor/NotificationChannels.vue'),
        permission: 'monitor.notification_endpoint.read',
      },
      {
        key: 'inspections',
        path: '/operations/inspections',
        page: () => import('./monitor/InspectionList.vue'),
        permission: 'monitor.inspection.read',
      },
      {
        key: 'reports',
        path: '/operations/reports',
        page: () => import('./monitor/ReportList.vue'),
        permission: 'monitor.report.read',
      },
      {
        key: 'maintenance',
        path: '/operations/maintenance',
        page: () => import('./monitor/MaintenanceRecordList.vue'),
        permission: 'monitor.maintenance_record.read',
      },
    ],
  },
  {
    key: 'payment',
    items: [
      { module: 25, path: '/payment/settlement' },
      { module: 26, path: '/payment/management' },
      { module: 27, path: '/payment/merchants' },
    ],
  },
  {
    key: 'publishing',
    items: [
      { module: 28, path: '/publishing/center' },
      { module: 29, path: '/publishing/departments' },
      { module: 30, path: '/publishing/doctors' },
    ],
  },
]

export const menuItems = menuGroups.flatMap((group) =>
  group.items.map((item) => ({ ...item, group: group.key })),
)
