import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  base: '/',
  define: {
    // Compile-time flags: drop vue-i18n's legacy API, its global components and the devtools
    // hooks from the bundle.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Named vendor chunks that change only with the lock file, so browsers keep them
        // cached across console releases. Element Plus stays split per route.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/ },
            { name: 'vue-i18n', test: /node_modules[\\/](vue-i18n|@intlify)[\\/]/ },
            // ECharts and its renderer in two chunks, each under the 500 kB warning.
            { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/ },
            { name: 'zrender', test: /node_modules[\\/](zrender|tslib)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
})
