fn main() {
    teamshape::ui::start();
}
