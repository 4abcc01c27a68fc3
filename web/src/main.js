import { createApp } from 'vue'
import App from './App.vue'
import { setUnauthenticatedHandler } from './api/http.js'
import { i18n } from './i18n/index.js'
import { router } from './router.js'
import { signOut } from './session.js'
import './styles.css'

setUnauthenticatedHandler(() => {
  signOut()
  const current = router.currentRoute.value
  if (current.path !== '/login') {
    router.replace({ path: '/login', query: { redirect: current.fullPath, expired: '1' } })
  }
})

createApp(App).use(i18n).use(router).mount('#app')
