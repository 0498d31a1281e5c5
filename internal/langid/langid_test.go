package langid

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russian military instructors arrived in Niger on Wednesday, state television said, in a further sign that the country is building closer relations with Moscow.", "en"},
		{"Des instructeurs militaires russes sont arrivés au Niger mercredi, a annoncé la télévision publique, signe d'un rapprochement avec Moscou.", "fr"},
		{"Russland hat ein Luftabwehrsystem und 100 Militärausbilder nach Niger geschickt, berichtete der staatliche Rundfunk am Donnerstagabend.", "de"},
		{"", "und"},
		{"12345 67890", "und"},
	}
	for _, tt := range tests {
		if got, _ := Detect(tt.in); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
