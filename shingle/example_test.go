package shingle_test

import (
	"fmt"

	"github.com/storydiff/storydiff/shingle"
)

func ExampleTokenize() {
	text := "“Don’t panic,” said the U.N. — 2,069 troops (3.5% more)."
	for _, t := range shingle.Tokenize(text) {
		fmt.Printf("%q %q\n", t.Text, text[t.Start:t.End])
	}
	// Output:
	// "don't" "Don’t"
	// "panic" "panic"
	// "said" "said"
	// "the" "the"
	// "u" "U"
	// "n" "N"
	// "2,069" "2,069"
	// "troops" "troops"
	// "3.5" "3.5"
	// "more" "more"
}

func ExampleNormalize() {
	fmt.Println(shingle.Normalize("“ﬁnal” — İSTANBUL ＡＢＣ１２３"))
	// Output: "final" - istanbul abc123
}

func ExampleJaccard() {
	a := shingle.WordShingles(shingle.Words("the rebels were pushed back from the capital"), 3)
	b := shingle.WordShingles(shingle.Words("the rebels were pushed back from Bangui"), 3)
	fmt.Printf("%d and %d shingles, Jaccard %.3f\n", len(a), len(b), shingle.Jaccard(a, b))
	// Output: 6 and 5 shingles, Jaccard 0.571
}

func ExampleMinHasher() {
	opt := shingle.Options{Kind: shingle.Word, K: 3, Perms: 128, Seed: 1}
	m := opt.MinHasher()
	a := "The government made the announcement on December 21, two days after accusing the former president of plotting a coup."
	b := "The government made the announcement on Monday, two days after accusing the former president of plotting a coup."
	sa, sb := m.SignText(opt, a, nil), m.SignText(opt, b, nil)
	exact := shingle.Jaccard(opt.Shingles(a), opt.Shingles(b))
	fmt.Printf("exact %.2f, estimated %.2f\n", exact, sa.Similarity(sb))
	// Output: exact 0.65, estimated 0.64
}

func ExampleLSH() {
	opt := shingle.Options{K: 3, Perms: 128, Seed: 1}
	m := opt.MinHasher()
	bands, rows := shingle.Params(0.5, opt.Perms, 0.5, 0.5)
	index := shingle.NewLSH(bands, rows)
	docs := []string{
		"Russia and Rwanda have deployed hundreds of troops in the Central African Republic.",
		"Russia and Rwanda have deployed hundreds of troops in the Central African Republic, officials said.",
		"Mali's army said it killed dozens of militants near the border with Burkina Faso.",
	}
	for id, d := range docs {
		index.Add(id, m.SignText(opt, d, nil))
	}
	fmt.Println(bands, "bands of", rows, "rows; pairs:", index.Pairs())
	// Output: 25 bands of 5 rows; pairs: [[0 1]]
}

func ExampleParams() {
	for _, t := range []float64{0.3, 0.5, 0.8} {
		b, r := shingle.Params(t, 128, 0.5, 0.5)
		fmt.Printf("threshold %.1f: %d bands × %d rows\n", t, b, r)
	}
	// Output:
	// threshold 0.3: 37 bands × 3 rows
	// threshold 0.5: 25 bands × 5 rows
	// threshold 0.8: 9 bands × 13 rows
}
