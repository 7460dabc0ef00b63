import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // BUILD_DIR lets tests and parallel work build to their own folder.
  buildDirectory: process.env.BUILD_DIR ?? "build",
} satisfies Config;
