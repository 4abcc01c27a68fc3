// Tag colours of access application and grant statuses, shared by the access pages.

const APPLICATION_TAGS = {
  ACCESS_APPLICATION_STATUS_DRAFT: 'info',
  ACCESS_APPLICATION_STATUS_PENDING: 'primary',
  ACCESS_APPLICATION_STATUS_APPROVED: 'success',
  ACCESS_APPLICATION_STATUS_REJECTED: 'danger',
  ACCESS_APPLICATION_STATUS_RETURNED: 'warning',
  ACCESS_APPLICATION_STATUS_WITHDRAWN: 'info',
}

const GRANT_TAGS = {
  ACCESS_GRANT_STATUS_ACTIVE: 'success',
  ACCESS_GRANT_STATUS_SCHEDULED: 'primary',
  ACCESS_GRANT_STATUS_EXPIRED: 'info',
  ACCESS_GRANT_STATUS_REVOKED: 'danger',
}

export const applicationStatusTag = (status) => APPLICATION_TAGS[status] ?? 'info'
export const grantStatusTag = (status) => GRANT_TAGS[status] ?? 'info'
