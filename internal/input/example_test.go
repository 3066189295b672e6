package input_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/internal/input"
)

func ExampleParseRecord() {
	line := []byte(`{"id":"w1","source":"Wire","date":"Dec 21, 2020","text":"Fares rise 3%.\nThe operator blamed energy costs."}`)
	a, err := input.ParseRecord(line, "feed.jsonl", 12)
	if err != nil {
		fmt.Println(err)
		return
	}
	off := strings.Index(a.Text, "energy")
	fmt.Println(a.ID, a.Source, a.Date, a.Record, a.Line(off))

	_, err = input.ParseRecord([]byte(`{"id":"w2"}`), "feed.jsonl", 13)
	fmt.Println(err, errors.Is(err, input.ErrMissingField))
	// Output:
	// w1 Wire 2020-12-21 12 2
	// feed.jsonl:13: missing required field "text" true
}

func ExampleWalk() {
	stdin := "{\"id\":\"a\",\"text\":\"first\"}\nnot json\n{\"text\":\"third\"}\n"
	opt := input.Options{
		Stdin: strings.NewReader(stdin),
		Warn:  func(err error) { fmt.Println("warning:", err) },
	}
	err := input.Walk([]string{"-"}, opt, func(a *corpus.Article) error {
		fmt.Println(a.ID, a.Text)
		return nil
	})
	fmt.Println(err)
	// Output:
	// a first
	// warning: -:2: malformed JSON record: invalid character 'o' in literal null (expecting 'u') (byte 2)
	// stdin:3 third
	// <nil>
}
