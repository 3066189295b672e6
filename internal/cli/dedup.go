package cli

// API CONTRACT (skeleton): replaced by the helper that owns 'dedup'.

func runDedup(args []string, env *Env) int {
	return usageError(env, "dedup: not implemented yet")
}
