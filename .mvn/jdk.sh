# Finds a JDK of at least a given major version the way a user's shell would: JAVA_HOME first, then the
# java on PATH, then the standard install locations. Sourced by ./mvnw and ./hivewire.

hivewire_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

hivewire_find_jdk() {
  hw_min=${1:-21}
  hw_path_home=""
  if command -v java >/dev/null 2>&1; then
    hw_java=$(command -v java)
    hw_java=$(readlink -f "$hw_java" 2>/dev/null || echo "$hw_java")
    hw_path_home=${hw_java%/bin/java}
  fi
  for hw_home in "${JAVA_HOME:-}" "$hw_path_home" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
    "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$hw_home" ] && [ -x "$hw_home/bin/java" ] || continue
    hw_major=$(hivewire_java_major "$hw_home")
    if [ "${hw_major:-0}" -ge "$hw_min" ] 2>/dev/null; then
      echo "$hw_home"
      return 0
    fi
  done
  return 1
}
