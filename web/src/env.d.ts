/** The bundle this build is (vite.config.mts defines it): which roles' screens it holds. */
declare const __HOITHI_BUNDLE__: 'contestant' | 'judge' | 'organizer';

/** The published browser builds of tus-js-client and socket.io-client (vite.config.mts). */
declare module '$vendor/tus.js?url' {
  const url: string;
  export default url;
}
declare module '$vendor/socket.io.js?url' {
  const url: string;
  export default url;
}
