package cli

// API CONTRACT (skeleton): replaced by the helper that owns 'diff'.

func runDiff(args []string, env *Env) int {
	return usageError(env, "diff: not implemented yet")
}
