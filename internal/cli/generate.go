package cli

// API CONTRACT (skeleton): replaced by the helper that owns 'generate'.

func runGenerate(args []string, env *Env) int {
	return usageError(env, "generate: not implemented yet")
}
