import { createRouter, createWebHistory } from 'vue-router'
import { HOME_PATH, menuItems } from './catalog.js'
import { hasPermission, isSignedIn, session } from './session.js'

export const PASSWORD_PATH = '/account/password'
export const TWO_FACTOR_PATH = '/account/two-factor'

const NotBuiltPage = () => import('./common/NotBuiltPage.vue')

const moduleRoutes = menuItems.map((item) => ({
  path: item.path,
  component: item.page ?? NotBuiltPage,
  meta: { module: item.module, key: item.key, group: item.group, permission: item.permission },
}))

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    {
      path: '/login',
      component: () => import('./identity/LoginPage.vue'),
      meta: { public: true },
    },
    // A vendor signs up for the developer center (module 15) before it has an account.
    {
      path: '/developer/sign-up',
      component: () => import('./registry/DeveloperSignUp.vue'),
      meta: { public: true },
    },
    {
      path: '/',
      component: () => import('./layout/AppLayout.vue'),
      redirect: HOME_PATH,
      children: [
        ...moduleRoutes,
        { path: PASSWORD_PATH, component: () => import('./identity/ChangePasswordPage.vue'), meta: { group: 'account', key: 'password' } },
        { path: TWO_FACTOR_PATH, component: () => import('./identity/TwoFactorPage.vue'), meta: { group: 'account', key: 'twoFactor' } },
      ],
    },
    // Links in notifications sent before they named the inbox page (notifications.py `alert_link`).
    {
      path: '/monitor/alerts/:alertId',
      redirect: (to) => ({ path: '/operations/alerts', query: { alert: to.params.alertId } }),
    },
    { path: '/:unknown(.*)*', redirect: HOME_PATH },
  ],
})

/** A path inside this console, never another origin: `//evil.example` is refused. */
export function safeRedirect(target) {
  const inside = typeof target === 'string' && /^\/(?![/\\])/.test(target)
  return inside ? target : HOME_PATH
}

router.beforeEach((to) => {
  if (to.meta.public) {
    return isSignedIn() && to.path === '/login' ? safeRedirect(to.query.redirect) : true
  }
  if (!isSignedIn()) {
    return to.fullPath === HOME_PATH ? '/login' : { path: '/login', query: { redirect: to.fullPath } }
  }
  // A restricted session (see session.js) may only lift its restriction: first the password,
  // then two-factor enrolment when a role requires it.
  if (session.passwordChangeRequired) {
    return to.path === PASSWORD_PATH ? true : { path: PASSWORD_PATH, query: { redirect: to.fullPath } }
  }
  if (session.totpEnrollmentRequired) {
    return to.path === TWO_FACTOR_PATH ? true : TWO_FACTOR_PATH
  }
  if (to.meta.permission && !hasPermission(to.meta.permission)) return HOME_PATH
  return true
})
